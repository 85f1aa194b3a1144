# Double-quoted strings: escapes for \ " LF CR TAB and ${; $ stays unless it would start an
# interpolation.
{
  plain = "abc";
  quotes = "a\"b\\c";
  controls = "line1\nline2\ttabbed\rreturn";
  raw_newline = "a
b";
  dollar = "$a $ $$";
  escaped_interpolation = "\${x}";
  double_dollar = "$${x}";
  dollar_before_interpolation = "a\$${x}";
  dollar_at_end = "${x}$";
  interpolated = "a${x}b${y}c";
  nested = "${"in ${"nested"}"}";
  unicode = "é ✓ 😀";
  unknown_escapes = "\q\x";
}
