"""The test suite: functional tests of the pipeline and behaviour tests of the generated SDK."""
