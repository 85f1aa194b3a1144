"a\
b"