# Category lists (UT1) as the kiosk loads them.

lists-source = { $place }: { $problem }
lists-source-folder = { $path }: cannot read the source folder: { $reason }
lists-write = { $path }: cannot write the compiled lists: { $reason }
lists-missing = { $path }: the compiled category lists are missing ({ $reason }); run `guichet lists compile`
lists-corrupt = { $path }: the compiled category lists are damaged ({ $what }); run `guichet lists compile` again
lists-version = { $path }: the compiled category lists have format { $found }, this Guichet reads format { $expected }; run `guichet lists compile` again
lists-not-configured = no category lists are configured: set `[filter] lists` to the file `guichet lists compile` writes
