x:#c
x