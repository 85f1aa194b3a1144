{ a,
  b