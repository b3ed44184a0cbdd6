// DemoData: see DemoGenerator.
