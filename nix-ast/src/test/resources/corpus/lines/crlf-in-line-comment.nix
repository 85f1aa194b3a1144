# a
# b
u