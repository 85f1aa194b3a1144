# Placeholder for the runtime program "failure" (templates/README.md), until the templates
# branch lands it. It fails so that nothing mistakes it for the real program.
echo "flakegen: failure: placeholder, not the runtime program" >&2
exit 70
