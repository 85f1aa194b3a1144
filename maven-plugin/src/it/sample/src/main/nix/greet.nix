# A Nix function the sample calls from Java through generated bindings.
{
  # Who to greet.
  name,
  greeting ? "Hello",
  ...
}:
"${greeting}, ${name}!"
