x: x.a
  .then