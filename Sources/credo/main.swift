import CredoCLI
import Foundation

// Line-buffer standard output so progress and the "running at" line reach a log file or pipe at once.
setvbuf(stdout, nil, _IOLBF, 0)
await CredoCommand.runFromCommandLine()
