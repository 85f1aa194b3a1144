# Selection, defaults, has-attribute, the legacy e or, and names that need care.
{
  simple = x.a.b.c;
  default = x.a or 1;
  default_chain = x.a or x.b or 1;
  default_app = x.a or (f y);
  quoted = x."a b"."if".or;
  dynamic = x.${y}.${"z"};
  on_literals = [ (1).a (1.5).a (./a).b (http://x.org).a "s".a ''s''.a { a = 1; }.a [ ].a <p>.a ];
  on_select = (x.a).b;
  on_app = (f x).a;
  has = x ? a.b;
  has_chain = x ? a ? b;
  legacy_or = let or = 1; in [ (f or) ((x.a) or) ];
}
