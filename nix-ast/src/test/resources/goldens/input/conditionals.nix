# if/else, with, assert.
{
  flat = if a then 1 else 2;
  chain = if a then 1 else if b then 2 else 3;
  long_condition = if aVeryLongConditionNumberOne && aVeryLongConditionNumberTwo && aVeryLongConditionNumberThree && four then 1 else 2;
  long_branches = if a then aVeryLongFunctionName aVeryLongArgumentNumberOne aVeryLongArgumentNumberTwo aVeryLongArgumentNumberThree else null;
  with_short = with pkgs; hello;
  with_absorbed = with lib; { a = 1; b = 2; };
  with_list = with pkgs; [ hello world ];
  assert_body = assert a; assert b; c;
  as_operand = (if a then b else c) + 1;
}
