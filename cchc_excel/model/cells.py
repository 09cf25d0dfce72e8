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
    """A → 1, AA → 27: the inverse of column_letter."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def parse_a1(ref: str) -> tuple[int, int] | None:
    """(row, column) of an A1 reference such as 'G7'; None when it is not one."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters):]
    if not letters.isascii() or not letters.isalpha() or not digits:
        return None
    col = 0
    for char in letters.upper():
        col = col * 26 + ord(char) - 64
    return int(digits), col
