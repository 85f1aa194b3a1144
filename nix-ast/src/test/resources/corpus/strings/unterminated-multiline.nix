"abc
def
