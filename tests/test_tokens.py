from coach.tokens import count_tokens, fit_to_budget


def test_counts_tokens_with_the_offline_encoding():
    assert count_tokens("hello world") == 2
    assert count_tokens("") == 0
    assert count_tokens("<|endoftext|>") > 1  # special tokens are treated as plain text


def test_budget_takes_whole_items_in_order_and_never_cuts_one():
    items = ["first item " * 5, "second item that is rather long " * 20, "third item " * 3]
    budget = count_tokens(items[0]) + count_tokens(items[2]) + count_tokens("\n")
    taken = fit_to_budget(items, budget)
    assert taken == [items[0], items[2]]
    assert fit_to_budget(items, 0) == []
    assert sum(count_tokens(t) for t in fit_to_budget(items, 50)) <= 50
