a: b: c: [ rec { "q r" =
let a = 20 *rec {
  d.f /* c */ =
''	  w'''
    '' c;a	=	./a;or = ../x/./y >= ''  word two
      -
   ''.b or ''  w
   
    '''$${a}
''; }.${a}; inherit (a) c; in 123456789.0;	d.f	= c; } ( ''	${'' 
    ''.or
  !=	''     ''}word two
	  ${" b c".or
  ==a}w
''// "#''"	) c	] /* c */ - /* c */ c