a:
  if a
  then 1
  else
