{
  # The greeting.
  greeting ? "hello",
  name,
}:
"${greeting}, ${name}"
