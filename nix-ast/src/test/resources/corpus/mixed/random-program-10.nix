a: b: c: if -(	b # c
) then ./d/${( {
  "if"
  =	b ++
  "$$b c."; /* c */ "q r"
  = "\\$$z"; /* c */ a /* c */ =
  b ++	c;
  } ( /* c */ ''      word twoword two
    
    wword two
    ''.or))} else let  a = a; inherit (a) c; in rec {${"s"}
= /* c */ a ( <a/b>
);	}>= ''
''