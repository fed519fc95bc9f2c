/* commands.h - subcommands of the phasecast CLI that live in their own files.
 * Each takes the arguments after "phasecast" (argv[0] is the command name)
 * and returns the exit status: 0, 1 (input failed; one line on stderr) or
 * 2 (usage error). */
#pragma once

/* `phasecast catalog import|diff` (cmd-catalog.c). */
int pc_cmd_catalog (int argc, char **argv);
