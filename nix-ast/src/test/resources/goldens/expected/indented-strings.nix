{
  script = ''
    echo "hello ${name}"
      indented more
    done
  '';

  one_line = ''abc'';

  first_line_content = ''
    x
      a
  '';

  escapes = ''
    '''quoted'''
    ''${not interpolated}
    $${also literal}
    tab''\there
    quote before interpolation: ''\'${x}
    trailing dollar: $
  '';

  no_final_newline = ''
    a
    b'';

  blank_lines = ''

    a

      b
  '';

  tabs_are_content = ''
    	tabbed
  '';

  nested.deeper.escaped_newline = {
    value = ''
              a''\n          b
            '';
  };

  empty = '''';
  interpolation_only = ''${x}'';

  f = g ''
    absorbed as the last argument
  '';
}
