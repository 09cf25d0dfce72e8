"""Cell references as the user sees them in Excel (A1, 1-based rows and columns)."""
from __future__ import annotations



def column_letter(col: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def a1(row: int, col: int) -> str:
    """An A1 reference from 1-based row and column."""
    return f"{column_letter(col)}{row}"


def column_number(letters: str) -> int:
    """A → 1, AA → 27."""
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number
