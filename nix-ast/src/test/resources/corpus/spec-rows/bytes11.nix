x: ''
  a ${x}
  b
''