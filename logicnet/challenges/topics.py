"""The mathgenerator topics validators draw from (docs/network.md §9), as data.

Seven subtopics are missing from PyPI ``mathgenerator==1.5.0``; this project
writes its own generators for them (``logicnet.challenges.extra``). The
engine must solve every one of them from the question text alone.
"""

from __future__ import annotations

__all__ = ["MISSING_FROM_PYPI", "TOPICS", "UNWINNABLE", "topic_pairs"]

TOPICS: dict[str, tuple[str, ...]] = {
    "calculus": (
        "power_rule_differentiation",
        "power_rule_integration",
        "trig_differentiation",
        "definite_integral",
        "stationary_points",
    ),
    "algebra": (
        "basic_algebra",
        "log",
        "multiply_int_to_22_matrix",
        "linear_equations",
        "intersection_of_two_lines",
        "vector_cross",
        "simple_interest",
        "matrix_multiplication",
        "quadratic_equation",
        "multiply_complex_numbers",
        "vector_dot",
        "invert_matrix",
        "int_matrix_22_determinant",
        "compound_interest",
        "complex_quadratic",
        "combine_like_terms",
        "expanding",
        "line_equation_from_2_points",
        "orthogonal_projection",
    ),
    "basic_math": (
        "fraction_to_decimal",
        "fraction_multiplication",
        "factorial",
        "compare_fractions",
        "cube_root",
        "exponentiation",
        "absolute_difference",
        "percentage",
        "is_prime",
        "power_of_powers",
        "percentage_difference",
        "percentage_error",
        "greatest_common_divisor",
        "is_composite",
        "simplify_square_root",
    ),
    "geometry": (
        "area_of_triangle",
        "valid_triangle",
        "pythagorean_theorem",
        "angle_regular_polygon",
        "surface_area_cube",
        "surface_area_cuboid",
        "surface_area_cylinder",
        "volume_cube",
        "volume_cuboid",
        "volume_cylinder",
        "surface_area_cone",
        "volume_cone",
        "fourth_angle_of_quadrilateral",
        "basic_trigonometry",
        "sum_of_polygon_angles",
        "surface_area_sphere",
        "volume_sphere",
        "angle_btw_vectors",
        "sector_area",
        "degree_to_rad",
        "radian_to_deg",
        "curved_surface_area_cylinder",
        "perimeter_of_polygons",
        "circumference",
        "arc_length",
        "area_of_circle",
        "volume_cone_frustum",
        "equation_of_line_from_two_points",
        "area_of_circle_given_center_and_point",
        "volume_hemisphere",
        "volume_pyramid",
        "surface_area_pyramid",
        "complementary_and_supplementary_angle",
        "area_of_trapezoid",
    ),
    "misc": (
        "prime_factors",
        "prime_factors",
        "common_factors",
        "surds_comparison",
        "profit_loss_percent",
        "geometric_progression",
        "geometric_mean",
        "harmonic_mean",
        "euclidian_norm",
        "celsius_to_fahrenheit",
        "arithmetic_progression_term",
        "arithmetic_progression_sum",
        "decimal_to_roman_numerals",
        "complex_to_polar",
        "set_operation",
        "base_conversion",
        "quotient_of_power_same_base",
        "quotient_of_power_same_power",
        "is_leap_year",
        "minutes_to_hours",
        "signum_function",
        "factors",
        "product_of_scientific_notations",
        "velocity_of_object",
    ),
    "statistics": (
        "combinations",
        "permutation",
        "dice_sum_probability",
        "confidence_interval",
        "data_summary",
        "mean_median",
        "conditional_probability",
    ),
    "computer_science": (
        "fibonacci_series",
        "nth_fibonacci_number",
        "binary_to_hex",
        "binary_2s_complement",
        "decimal_to_hexadeci",
        "decimal_to_octal",
        "bcd_to_decimal",
        "decimal_to_bcd",
        "nth_tribonacci_number",
    ),
}

MISSING_FROM_PYPI = frozenset(
    {
        ("algebra", "line_equation_from_2_points"),
        ("algebra", "orthogonal_projection"),
        ("basic_math", "simplify_square_root"),
        ("geometry", "volume_cone_frustum"),
        ("geometry", "area_of_trapezoid"),
        ("misc", "velocity_of_object"),
        ("computer_science", "nth_tribonacci_number"),
    }
)

# The generator's answer does not follow from its question (docs/network.md §6b).
UNWINNABLE = frozenset(
    {
        ("misc", "decimal_to_roman_numerals"),
        ("computer_science", "fibonacci_series"),
        ("computer_science", "bcd_to_decimal"),
        # 1.5.0 prints "The decimal number {x} in Octal is:" with the placeholder unfilled.
        ("computer_science", "decimal_to_octal"),
    }
)


def topic_pairs(unique: bool = True) -> list[tuple[str, str]]:
    """(topic, subtopic) pairs in list order; with ``unique=False`` the draw weights show."""
    pairs = [(t, s) for t, subs in TOPICS.items() for s in subs]
    if unique:
        return list(dict.fromkeys(pairs))
    return pairs
