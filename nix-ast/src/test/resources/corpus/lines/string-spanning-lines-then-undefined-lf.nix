"a
b" + u