from smartlint.cli import main

main()
