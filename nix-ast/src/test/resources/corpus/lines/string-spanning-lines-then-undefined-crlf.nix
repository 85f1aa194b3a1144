"a
b" + u