x: x . /*c*/ a . # d
 b