"""xlsxwriter writers: the only place that knows xlsxwriter."""
