"""Learning from use: anonymous usage statistics, the report of unanswered questions grouped by subject, their CSV
export and the `nrw-assistant report` command. Read by maintainers on /admin; nothing here identifies a person."""
