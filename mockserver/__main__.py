"""`python -m mockserver`: serve the spec on 127.0.0.1:4010."""

from mockserver.cli import main

main()
