"""The review tools: doc-page readers, doc drift, spec diff, SDK surface diff, the pull-request report."""
