x: x
.a