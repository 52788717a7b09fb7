"""One module per guided flow: what it computes and says when its form is done."""
