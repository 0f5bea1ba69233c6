// The BudgetIO module; its sources are being written.
