from aicost.entry import main

main()
