from smartlint.entry import main

main()
