"a
b"