a: b: c: let  # c
a = if 51 /* c */ +a then ''  
word twoword two
''.or "${( # c
''
''\ ''.a or null
  )	}a" else 69.a ? "x"; b = a; # c
in a.b or 1.
  /  [	{	${"s"}
=rec { /* c */ 
  } {
or = ../x/./y; # c
};
  a =( "") # c
//b.a or 1.5; } a 9].a or /${''
''
  ==	(
  ./..a
!=	8 )}/f/${a}