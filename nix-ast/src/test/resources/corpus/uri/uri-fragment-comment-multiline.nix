[
  http://x.org/a#frag
  u
]