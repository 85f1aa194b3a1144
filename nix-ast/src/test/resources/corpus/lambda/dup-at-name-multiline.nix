

  a @ {
  b,
  a }: a