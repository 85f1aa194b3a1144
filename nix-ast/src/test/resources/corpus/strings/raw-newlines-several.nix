"a

b
"