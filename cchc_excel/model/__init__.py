"""The domain: plan, units, periods, progress records, status logic, problems and messages, errors.

Imports nothing else of the package.
"""
