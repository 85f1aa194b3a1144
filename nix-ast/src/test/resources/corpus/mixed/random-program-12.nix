a: b: c: "${
  rec {
   }.a or { # c
}}a"< /* c */ rec { "if"	= /* c */ let a = b.b or [
a ''        '' /* c */ ]+
rec {	"if" = { };
}; inherit (a) c;in if rec {a
  = "
x\${" ./a; /* c */ d.f = ~/h/q."x y";}.a or ""/ a.${a} then "\t" else "b ca";c
  =
c c;}