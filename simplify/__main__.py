from simplify.cli import main

main()
