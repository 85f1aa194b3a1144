x:

  x