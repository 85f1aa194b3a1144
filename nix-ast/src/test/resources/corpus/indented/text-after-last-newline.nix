''
  a
  b
  c''