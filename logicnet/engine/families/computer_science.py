"""Engine recognizers for mathgenerator's ``computer_science`` topic.

Each subtopic is a typed problem: the generator's sentence (and a paraphrase, read by
``readers.computer_science``) becomes a frozen dataclass of its operands, which the
subtopic's ``solves`` function answers.

Three subtopics print questions whose number is missing or wrong (in PyPI 1.5.0
two questions are plain strings that show an unfilled ``{n}`` / ``{x}``, and
``bcd_to_decimal`` prints the leading digit instead of its input). The engine
still recognises them and answers from what the text says (the problem's number is
``None`` for a placeholder); when the number is present (upstream's fixed wording) it
answers exactly.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from logicnet.engine.bounds import (
    MAX_FIBONACCI_INDEX,
    MAX_SERIES_TERMS,
    MAX_TRIBONACCI_INDEX,
    require_at_most,
)
from logicnet.engine.core import Problem, loosen, register
from logicnet.engine.problem import Solution, Unreadable, drawn, solves

__all__ = [
    "QUIRKS",
    "BcdToDecimal",
    "Binary2sComplement",
    "BinaryToHex",
    "DecimalToBcd",
    "DecimalToHexadeci",
    "DecimalToOctal",
    "FibonacciSeries",
    "NthFibonacciNumber",
    "NthTribonacciNumber",
]

T = "computer_science"

_ORDINAL = r"(?:th|st|nd|rd)"


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _fibonacci_list(count: int) -> list[int]:
    terms = [0, 1][:count]
    while len(terms) < count:
        terms.append(terms[-1] + terms[-2])
    return terms


def _is_bits(text: str) -> bool:
    return all(b in "01" for b in text)


@dataclass(frozen=True)
class FibonacciSeries:
    """The first ``count`` Fibonacci numbers; ``None`` where 1.5.0 prints ``{n}``."""

    count: int | None

    def __post_init__(self) -> None:
        if self.count is None:
            return
        if self.count < 1:
            raise Unreadable("a series of no terms")
        require_at_most(self.count, MAX_SERIES_TERMS, "Fibonacci terms")

    def wording(self) -> str:
        shown = "{n}" if self.count is None else str(self.count)
        return f"The Fibonacci Series of the first {shown} numbers is ?"


@register(
    T,
    "fibonacci_series",
    loosen(r"^The Fibonacci Series of the first (\{n\}|\d+) numbers is ?\?$"),
)
def _fibonacci_series(m: re.Match[str], p: Problem) -> FibonacciSeries:
    shown = m.group(1)
    return FibonacciSeries(int(shown) if shown.isdigit() else None)


@solves(
    T,
    "fibonacci_series",
    FibonacciSeries,
    goal="list the Fibonacci series",
    # 1.5.0 and upstream both print the placeholder "{n}" (the hidden n is 1..20); no
    # generator shows a number
    drawn=drawn(rules={"the count shown as {n}": lambda q: q.count is None}),
)
def fibonacci_series(q: FibonacciSeries) -> Solution:
    if q.count is not None:
        count = q.count
        answer = ", ".join(str(x) for x in _fibonacci_list(count))
        reasoning = (
            "The Fibonacci series starts with 0 and 1, and each later term is the sum of the "
            f"two before it.\nThe first {count} numbers are: {answer}."
        )
        return Solution(answer, reasoning)
    # PyPI 1.5.0 prints the placeholder "{n}" itself: the length is not given, so the
    # answer shows how the series begins rather than guessing a length.
    start = ", ".join(str(x) for x in _fibonacci_list(10))
    answer = f"{start}, ..."
    reasoning = (
        "The question does not give the number of terms (it shows the placeholder {n}).\n"
        "The Fibonacci series starts with 0 and 1, and each later term is the sum of the "
        "two before it: 0 + 1 = 1, 1 + 1 = 2, 1 + 2 = 3, 2 + 3 = 5, and so on.\n"
        f"The first n numbers are the first n terms of {answer}"
    )
    return Solution(answer, reasoning, hidden="the number of terms")


@dataclass(frozen=True)
class NthFibonacciNumber:
    """F(n), counting F(1) = F(2) = 1."""

    n: int

    def __post_init__(self) -> None:
        if self.n < 1:
            raise Unreadable("a Fibonacci index below 1")
        require_at_most(self.n, MAX_FIBONACCI_INDEX, "Fibonacci index")

    def wording(self) -> str:
        return f"What is the {self.n}th Fibonacci number?"


@register(T, "nth_fibonacci_number", loosen(rf"^What is the (\d+){_ORDINAL} Fibonacci number ?\?$"))
def _nth_fibonacci_number(m: re.Match[str], p: Problem) -> NthFibonacciNumber:
    return NthFibonacciNumber(int(m.group(1)))


@solves(
    T,
    "nth_fibonacci_number",
    NthFibonacciNumber,
    goal="find the Fibonacci number",
    drawn=drawn(n=(1, 100)),
)
def nth_fibonacci_number(q: NthFibonacciNumber) -> Solution:
    n = q.n
    # The generator evaluates Binet's formula in floating point and truncates; that is
    # the printed answer, and it drifts from the true F(n) for n >= 72.
    phi = (1 + math.sqrt(5)) / 2
    true = _fibonacci_list(n + 1)[n]
    try:
        answer = int((math.pow(phi, n) - math.pow(-phi, -n)) / math.sqrt(5))
    except OverflowError:  # far beyond the generator's n: only the true value
        answer = true
    first = ", ".join(str(x) for x in _fibonacci_list(min(n + 1, 9))[1:])
    reasoning = (
        "With F(1) = 1, F(2) = 1 and F(n) = F(n-1) + F(n-2), the sequence is "
        f"{first}{', ...' if n > 8 else '.'}\n"
        f"Continuing the recurrence, F({n}) = {true}.\n"
    )
    if answer != true:
        reasoning += (
            f"So the {_ordinal(n)} Fibonacci number is {true} exactly; Binet's formula "
            f"φ^n/√5 evaluated in double precision (as the generator does) gives {answer}."
        )
    else:
        reasoning += f"So the {_ordinal(n)} Fibonacci number is {answer}."
    # plain: the true F(n), where the float formula drifts
    return Solution(str(answer), reasoning, str(true) if answer != true else "")


@dataclass(frozen=True)
class NthTribonacciNumber:
    """The ``n``-th term of 0, 0, 1, 1, 2, 4, ..., counting from the 1st."""

    n: int

    def __post_init__(self) -> None:
        if self.n < 1:
            raise Unreadable("a Tribonacci index below 1")
        require_at_most(self.n, MAX_TRIBONACCI_INDEX, "Tribonacci index")

    def wording(self) -> str:
        return f"What is the {self.n}th Tribonacci number?"


@register(
    T, "nth_tribonacci_number", loosen(rf"^What is the (\d+){_ORDINAL} Tribonacci number ?\?$")
)
def _nth_tribonacci_number(m: re.Match[str], p: Problem) -> NthTribonacciNumber:
    return NthTribonacciNumber(int(m.group(1)))


@solves(
    T,
    "nth_tribonacci_number",
    NthTribonacciNumber,
    goal="find the Tribonacci number",
    drawn=drawn(n=(1, 80)),
)
def nth_tribonacci_number(q: NthTribonacciNumber) -> Solution:
    n = q.n
    terms = [0, 0, 1]
    while len(terms) < n:
        terms.append(terms[-1] + terms[-2] + terms[-3])
    answer = terms[n - 1]
    shown = ", ".join(str(x) for x in terms[: min(n, 10)])
    reasoning = (
        "The Tribonacci sequence starts 0, 0, 1 and each later term is the sum of the three "
        f"before it: {shown}{', ...' if n > 10 else '.'}\n"
        f"Counting from the 1st term, the {_ordinal(n)} Tribonacci number is {answer}."
    )
    return Solution(str(answer), reasoning)


@dataclass(frozen=True)
class BinaryToHex:
    """A bit string (leading zeros kept) in hexadecimal."""

    bits: str

    def __post_init__(self) -> None:
        if not self.bits or not _is_bits(self.bits):
            raise Unreadable("not a bit string")

    def wording(self) -> str:
        return self.bits


@register(T, "binary_to_hex", r"^([01]+)$")
def _binary_to_hex(m: re.Match[str], p: Problem) -> BinaryToHex:
    return BinaryToHex(m.group(1))


@solves(
    T,
    "binary_to_hex",
    BinaryToHex,
    goal="convert the binary number to hexadecimal",
    drawn=drawn(lengths={"bits": (1, 10)}),
)
def binary_to_hex(q: BinaryToHex) -> Solution:
    bits = q.bits
    value = int(bits, 2)
    answer = hex(value)
    padded = bits.zfill((len(bits) + 3) // 4 * 4)
    groups = " ".join(padded[i : i + 4] for i in range(0, len(padded), 4))
    reasoning = (
        f"Convert the binary number {bits} to hexadecimal.\n"
        f"Group the bits in fours from the right: {groups}.\n"
        f"Each group is one hex digit, giving {answer[2:]} (decimal {value}).\n"
        f"So {bits} in hexadecimal is {answer}."
    )
    return Solution(answer, reasoning)


@dataclass(frozen=True)
class Binary2sComplement:
    """The two's complement of a bit string at its own width; it may be empty."""

    bits: str

    def __post_init__(self) -> None:
        if not _is_bits(self.bits):
            raise Unreadable("not a bit string")

    def wording(self) -> str:
        return f"2's complement of {self.bits} =" if self.bits else "2's complement of ="


@register(T, "binary_2s_complement", loosen(r"^2's complement of ?([01]*) ?=$"))
def _binary_2s_complement(m: re.Match[str], p: Problem) -> Binary2sComplement:
    return Binary2sComplement(m.group(1))


@solves(
    T,
    "binary_2s_complement",
    Binary2sComplement,
    goal="find the 2's complement of the binary number",
    # 1 to 10 random bits with the leading zeros stripped (all zeros leave it empty)
    drawn=drawn(
        lengths={"bits": (0, 10)},
        rules={"bits without a leading 0": lambda q: not q.bits.startswith("0")},
    ),
)
def binary_2s_complement(q: Binary2sComplement) -> Solution:
    bits = q.bits
    flipped = ["0" if b == "1" else "1" for b in bits]
    out = list(flipped)
    j = len(out) - 1
    while j >= 0:  # add 1 to the inverted bits, carrying from the right
        if out[j] == "0":
            out[j] = "1"
            break
        out[j] = "0"
        j -= 1
    # Generator convention: the result keeps the input's width and then drops leading
    # zeros, so 101 -> 011 is printed "11"; no digits in, no digits out.
    # (an all-zero input, never drawn, complements to 0)
    answer = "".join(out).lstrip("0") or ("0" if bits else "")
    if not bits:
        reasoning = (
            "The question gives no binary digits, so there is nothing to "
            "complement: the result is empty."
        )
        return Solution(answer, reasoning)
    reasoning = (
        f"Two's complement of {bits} ({len(bits)} bits): invert every bit, then add 1.\n"
        f"Inverted: {''.join(flipped)}.\n"
        f"Adding 1: {''.join(out)}"
        + (f", which is {answer or '0'} without leading zeros" if out[0] == "0" else "")
        + f".\nAnswer: {answer}"
    )
    return Solution(answer, reasoning)


@dataclass(frozen=True)
class DecimalToHexadeci:
    """``n`` in hexadecimal. ``binary``: the question is 1.5.0's "Binary of N =" (which
    asks for binary and is answered in hexadecimal), not upstream's "Hexadecimal of N ="."""

    n: int
    binary: bool = True

    def __post_init__(self) -> None:
        if self.n < 0:
            raise Unreadable("a negative number")

    def wording(self) -> str:
        return f"{'Binary' if self.binary else 'Hexadecimal'} of {self.n} ="


@register(T, "decimal_to_hexadeci", loosen(r"^(Binary|Hexadecimal) of (\d+) ?=$"))
def _decimal_to_hexadeci(m: re.Match[str], p: Problem) -> DecimalToHexadeci:
    # "Bbinary" (an inserted letter) is still 1.5.0's "Binary of N ="
    return DecimalToHexadeci(int(m.group(2)), binary=m.group(1)[0] in "Bb")


def _division_steps(n: int, base: int) -> str:
    if n == 0:
        return "0 is 0 in every base."
    steps: list[str] = []
    while n and len(steps) < 6:
        steps.append(f"{n} ÷ {base} = {n // base} remainder {n % base}")
        n //= base
    return "; ".join(steps) + ". Reading the remainders from last to first gives the digits."


@solves(
    T,
    "decimal_to_hexadeci",
    DecimalToHexadeci,
    goal="convert the decimal number",
    drawn=drawn(n=(0, 1000)),  # both wordings
)
def decimal_to_hexadeci(q: DecimalToHexadeci) -> Solution:
    n = q.n
    answer = hex(n)
    # PyPI 1.5.0 words this "Binary of N =" but answers in hexadecimal (upstream fixed the
    # wording to "Hexadecimal of N =").
    reasoning = (
        f"Convert {n} to hexadecimal by repeated division by 16"
        f" (in binary {n} is {bin(n)[2:]}; each group of 4 bits is one hex digit).\n"
        + _division_steps(n, 16)
        + f"\nSo {n} = {answer} in hexadecimal."
    )
    # plain: "Binary of N" asks for binary, which 1.5.0 answers in hexadecimal
    return Solution(answer, reasoning, bin(n)[2:] if q.binary else "")


@dataclass(frozen=True)
class DecimalToOctal:
    """``n`` in octal; ``None`` where 1.5.0 prints the placeholder ``{x}``."""

    n: int | None

    def __post_init__(self) -> None:
        if self.n is not None and self.n < 0:
            raise Unreadable("a negative number")

    def wording(self) -> str:
        shown = "{x}" if self.n is None else str(self.n)
        return f"The decimal number {shown} in Octal is:"


@register(T, "decimal_to_octal", loosen(r"^The decimal number (\{x\}|\d+) in Octal is ?:?$"))
def _decimal_to_octal(m: re.Match[str], p: Problem) -> DecimalToOctal:
    shown = m.group(1)
    return DecimalToOctal(int(shown) if shown.isdigit() else None)


@solves(
    T,
    "decimal_to_octal",
    DecimalToOctal,
    goal="convert the decimal number to octal",
    # 1.5.0 prints the placeholder "{x}"; upstream prints x, drawn from 0..4096
    drawn=drawn(rules={"n shown as {x} or in 0..4096": lambda q: q.n is None or 0 <= q.n <= 4096}),
)
def decimal_to_octal(q: DecimalToOctal) -> Solution:
    if q.n is not None:
        n = q.n
        answer = oct(n)
        reasoning = (
            f"Convert {n} to octal by repeated division by 8.\n"
            + _division_steps(n, 8)
            + f"\nSo {n} in octal is {answer}."
        )
        return Solution(answer, reasoning)
    # PyPI 1.5.0 prints the placeholder "{x}" itself: the number is not given.
    answer = "0o(x in base 8)"
    reasoning = (
        "The question does not give the number (it shows the placeholder {x}).\n"
        "To write a decimal number x in octal, divide by 8 repeatedly and read the "
        "remainders from last to first; the result is written with the prefix 0o, "
        "e.g. 100 = 0o144."
    )
    return Solution(answer, reasoning, hidden="the number")


@dataclass(frozen=True)
class BcdToDecimal:
    """The one decimal digit the generator shows (the leading digit of its hidden number)."""

    digit: int

    def __post_init__(self) -> None:
        if not 0 <= self.digit <= 9:
            # the generator only ever shows one digit; anything else is not this
            raise Unreadable("not a single decimal digit")

    def wording(self) -> str:
        return f"Integer of Binary Coded Decimal {self.digit} is ="


@register(T, "bcd_to_decimal", loosen(r"^Integer of Binary Coded Decimal (\d+) (?:is )?=$"))
def _bcd_to_decimal(m: re.Match[str], p: Problem) -> BcdToDecimal:
    return BcdToDecimal(int(m.group(1)))


@solves(
    T,
    "bcd_to_decimal",
    BcdToDecimal,
    goal="convert the binary coded decimal to an integer",
    drawn=drawn(digit=(1, 9)),  # the leading digit of a number in 1000..10000
)
def bcd_to_decimal(q: BcdToDecimal) -> Solution:
    n = q.digit
    # The generator prints only the leading digit of its hidden number; read as written,
    # the BCD code of a single digit d (0000..1001) stands for d itself.
    answer = str(n)
    reasoning = (
        f"In binary coded decimal each decimal digit is stored as its own 4-bit group.\n"
        f"The value given is the single digit {n}, coded as {n:04b}.\n"
        f"Decoding that 4-bit group gives the integer {n}."
    )
    return Solution(answer, reasoning, hidden="all but the first digit of the number")


@dataclass(frozen=True)
class DecimalToBcd:
    """The generator's "BCD" of ``n``: its hexadecimal digits' values, in decimal."""

    n: int

    def __post_init__(self) -> None:
        if self.n < 0:
            raise Unreadable("a negative number")

    def wording(self) -> str:
        return f"BCD of Decimal Number {self.n} ="


@register(T, "decimal_to_bcd", loosen(r"^BCD of Decimal Number (\d+) ?=$"))
def _decimal_to_bcd(m: re.Match[str], p: Problem) -> DecimalToBcd:
    return DecimalToBcd(int(m.group(1)))


@solves(
    T,
    "decimal_to_bcd",
    DecimalToBcd,
    goal="write the decimal number in binary coded decimal (BCD)",
    drawn=drawn(n=(1000, 10000)),
)
def decimal_to_bcd(q: DecimalToBcd) -> Solution:
    n = q.n
    nibbles = []
    x = n
    while x > 0:
        nibbles.append(x % 16)
        x >>= 4
    nibbles.reverse()
    # Generator convention: it splits the number's binary form into 4-bit groups (its
    # hexadecimal digits) and writes each group's value in decimal, one after another.
    answer = "".join(str(v) for v in nibbles)
    digits = [f"{int(d):04b}" for d in str(n)]
    # plain: real BCD, each decimal digit as its own 4 bits, written one after another
    true_bcd = "".join(digits)
    reasoning = (
        f"In BCD each decimal digit of {n} is written as its own 4-bit group: "
        + ", ".join(f"{d} = {g}" for d, g in zip(str(n), digits, strict=True))
        + f".\nSo the BCD code of {n} is {' '.join(digits)}, i.e. {true_bcd}.\n"
        f"(The generator instead splits the binary form {n} = {hex(n)} = "
        + (" ".join(f"{v:04b}" for v in nibbles) or "0000")
        + " into 4-bit groups and writes their values "
        f"{', '.join(str(v) for v in nibbles) or '0'} one after another: {answer or '0'}.)"
    )
    return Solution(answer, reasoning, true_bcd)


QUIRKS = {
    "fibonacci_series": "UNWINNABLE: 1.5.0 prints 'the first {n} numbers' with the placeholder "
    "unfilled; the engine answers with the start of the series '0, 1, 1, 2, ..., 34, ...' "
    "(and exactly when a number is given)",
    "nth_fibonacci_number": "Binet's formula in double precision, truncated with int(); "
    "differs from the true F(n) for n >= 72 (F(72) = 498454011879264 prints 498454011879265)",
    "nth_tribonacci_number": "not in PyPI 1.5.0; upstream counts 0, 0, 1, 1, 2, 4, ... from the "
    "1st term, so the 14th is 504",
    "binary_to_hex": "question is the bare bit string (leading zeros kept); answer is "
    "Python's hex(): 0x5f, 0x0",
    "binary_2s_complement": "result keeps the input width, then leading zeros are stripped "
    "(101 -> '11'); an all-zero draw gives the empty question '2's complement of  =' with "
    "the empty answer ''",
    "decimal_to_hexadeci": "1.5.0 asks 'Binary of N =' but answers hex(N) (0x360); upstream "
    "asks 'Hexadecimal of N ='",
    "decimal_to_octal": "UNWINNABLE in 1.5.0 (not marked in topics.py): the question is the "
    "literal 'The decimal number {x} in Octal is:' (missing f-string), the answer oct(x) "
    "for a hidden x; upstream's fixed wording with the number is answered exactly",
    "bcd_to_decimal": "UNWINNABLE: the question shows only the leading digit of the hidden "
    "number; the engine decodes the digit shown (answer = that digit)",
    "decimal_to_bcd": "not BCD: each hexadecimal digit's value is written in decimal and "
    "concatenated, e.g. 7311 = 0x1C8F -> '112815'",
}
