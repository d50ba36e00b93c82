"""`fieldsurvey ask`, the plain interview: `interview` runs it, `opening` asks what comes
before it, through a `prompter.Prompter`: `prompts` on a terminal (the only module importing
questionary and prompt_toolkit), `lines` on piped input and output."""
