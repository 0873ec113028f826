from aicost.cli import main

main()
