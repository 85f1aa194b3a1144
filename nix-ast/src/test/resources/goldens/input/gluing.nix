# Tokens that would glue together without care.
[
  (x: y)
  (a / b)
  (a // b)
  (f ''a'')
  (f 0.5)
  (f ./a)
  (- ./a)
  (-1)
  ({ a ? x:y }: a)
  (x: x.y)
  (f (x.y))
]
