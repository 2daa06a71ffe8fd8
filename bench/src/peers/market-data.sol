// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// The pay-per-use market data service of examples/pay-per-use/src/market-data.ts, `summary`
/// only: the caller pays the price to the owner, its use is counted per caller and in total, an
/// event is logged, and the average price of the quotes is returned.
contract MarketData {
    struct Quote {
        bytes32 symbol;
        uint256 price;
    }

    address public owner;
    uint256 public price;
    Quote[] private quotes;
    mapping(address => uint256) public uses;
    uint256 public total;

    event ServiceUsed(bytes32 method, address caller, uint256 count);

    constructor(uint256 price_) {
        owner = msg.sender;
        price = price_;
    }

    /// Only the provider adds quotes (the TypeScript contract's `publish`, one quote at a time).
    function addQuote(bytes32 symbol, uint256 quotePrice) external {
        require(msg.sender == owner, "only the provider publishes quotes");
        quotes.push(Quote(symbol, quotePrice));
    }

    function summary() external payable returns (uint256 count, uint256 average) {
        require(msg.value == price, "attach exactly the price");
        payable(owner).transfer(msg.value);
        uint256 used = ++uses[msg.sender];
        total += 1;
        emit ServiceUsed("summary", msg.sender, used);
        count = quotes.length;
        uint256 sum = 0;
        for (uint256 i = 0; i < count; i++) sum += quotes[i].price;
        average = count == 0 ? 0 : sum / count;
    }
}
