import Testing

@testable import SmokegateDocuments

@Suite("JSONPath")
struct JSONPathTests {
    private let document: JSONValue

    init() throws {
        document = try JSONValue.parse(Array(#"""
            {
              "status": "UP",
              "version": {"id": "v2", "build": 17},
              "items": [
                {"id": 1, "name": "apple", "price": 5, "tag": "fruit", "status": "UP"},
                {"id": 2, "name": "bread", "price": 12.5, "status": "DOWN"},
                {"id": 3, "name": "cheese", "price": 30, "tag": null, "status": "UP"},
                {"id": 4, "name": "dates", "price": "n/a"}
              ],
              "weird key": {"a.b": true, "it's": 1},
              "empty": []
            }
            """#.utf8))
    }

    private func values(_ path: String) throws -> [JSONValue] {
        try JSONPath(path).evaluate(document)
    }

    private func failure(_ path: String) -> JSONPathError? {
        do {
            _ = try JSONPath(path)
            return nil
        } catch {
            return error
        }
    }

    @Test func selectsMembersAndIndices() throws {
        #expect(try values("$") == [document])
        #expect(try values("$.status") == [.string("UP")])
        #expect(try values("$.items[0].id") == [.number(1)])
        #expect(try values("$['weird key']['a.b']") == [.bool(true)])
        #expect(try values(#"$["weird key"]['it\'s']"#) == [.number(1)])
        #expect(try values("$.version.build") == [.number(17)])
        #expect(try values("$.items[-1].name") == [.string("dates")])
        #expect(try values("$.items[-4].name") == [.string("apple")])
    }

    @Test func missingThingsMatchNothing() throws {
        #expect(try values("$.items[4]").isEmpty)
        #expect(try values("$.items[-5]").isEmpty)
        #expect(try values("$.nope").isEmpty)
        #expect(try values("$.status.length").isEmpty)
        #expect(try values("$.status[0]").isEmpty)
        #expect(try values("$.empty[*]").isEmpty)
        #expect(try values("$.items[0].id.deeper[*]").isEmpty)
    }

    @Test func wildcardsAndSlices() throws {
        #expect(try values("$.items[*].price") == [.number(5), .number(JSONNumber(12.5)), .number(30), .string("n/a")])
        #expect(try values("$.version.*") == [.string("v2"), .number(17)])
        #expect(try values("$.items[0:2].id") == [.number(1), .number(2)])
        #expect(try values("$.items[:2].id") == [.number(1), .number(2)])
        #expect(try values("$.items[2:].id") == [.number(3), .number(4)])
        #expect(try values("$.items[-2:].id") == [.number(3), .number(4)])
        #expect(try values("$.items[::2].id") == [.number(1), .number(3)])
        #expect(try values("$.items[::-1].id") == [.number(4), .number(3), .number(2), .number(1)])
        #expect(try values("$.items[5:10]").isEmpty)
        #expect(try values("$.items[0, -1].id") == [.number(1), .number(4)])
        #expect(try values("$['status', 'nope']") == [.string("UP")])
    }

    @Test func slicePositionsFollowRFC9535() {
        #expect(JSONPath.slicePositions(count: 5, start: nil, end: nil, step: -2) == [4, 2, 0])
        #expect(JSONPath.slicePositions(count: 5, start: 3, end: 0, step: -1) == [3, 2, 1])
        #expect(JSONPath.slicePositions(count: 5, start: 1, end: 100, step: Int.max) == [1])
        #expect(JSONPath.slicePositions(count: 0, start: nil, end: nil, step: -1) == [])
    }

    @Test func recursiveDescent() throws {
        #expect(try values("$..id") == [.string("v2"), .number(1), .number(2), .number(3), .number(4)])
        #expect(try values("$..[0].name") == [.string("apple")])
        #expect(try values("$.version..*") == [.string("v2"), .number(17)])
        #expect(try values("$..status").count == 4)
    }

    @Test func filters() throws {
        #expect(try values("$.items[?(@.price > 10)].name") == [.string("bread"), .string("cheese")])
        #expect(try values("$.items[?(@.price >= 30)].name") == [.string("cheese")])
        #expect(try values("$.items[?(@.price < 12.5)].id") == [.number(1)])
        #expect(try values("$.items[?(@.price <= 12.5)].id") == [.number(1), .number(2)])
        #expect(try values("$.items[?(@.status == 'UP')].id") == [.number(1), .number(3)])
        #expect(try values(#"$.items[?(@.status != "UP")].id"#) == [.number(2), .number(4)])
        #expect(try values("$.items[?(@.tag)].id") == [.number(1), .number(3)])
        #expect(try values("$.items[?(!@.tag)].id") == [.number(2), .number(4)])
        #expect(try values("$.items[?(@.tag == null)].id") == [.number(3)])
        #expect(try values("$.items[?(@.price > 10 && @.status == 'UP')].id") == [.number(3)])
        #expect(try values("$.items[?(@.price < 10 || @.price > 20)].id") == [.number(1), .number(3)])
        #expect(try values("$.items[?((@.id == 1 || @.id == 2) && @.price > 6)].id") == [.number(2)])
        #expect(try values("$.items[?@.id == 4].name") == [.string("dates")])
        #expect(try values("$.items[?(@.id == 1.0)].name") == [.string("apple")])
        #expect(try values("$.items[?(@.price == $.version.build)]").isEmpty)
        #expect(try values("$.items[?(@.id < $.version.build)]").count == 4)
        #expect(try values("$.items[?(@.name > 'c')].id") == [.number(3), .number(4)])
        #expect(try values("$..[?(@.id == 'v2')].build") == [.number(17)])
        #expect(try values("$.version[?(@ == 17)]") == [.number(17)])
        #expect(try values("$.items[?(@.price == true)]").isEmpty)
    }

    @Test func definiteness() throws {
        #expect(try JSONPath("$").isDefinite)
        #expect(try JSONPath("$.a['b'][0][-1]").isDefinite)
        #expect(!(try JSONPath("$.a[*]").isDefinite))
        #expect(!(try JSONPath("$..a").isDefinite))
        #expect(!(try JSONPath("$.a[0:1]").isDefinite))
        #expect(!(try JSONPath("$.a[?(@.b)]").isDefinite))
        #expect(!(try JSONPath("$.a[0,1]").isDefinite))
    }

    @Test func keepsTextAndHashesByIt() throws {
        let path = try JSONPath("$.items[0].id")
        #expect(path.description == "$.items[0].id")
        #expect(path == (try JSONPath("$.items[0].id")))
        #expect(Set([path, try JSONPath("$.items[0].id")]).count == 1)
    }

    @Test(arguments: [
        ("", JSONPathError.Code.missingRoot, 0),
        ("status", .missingRoot, 0),
        ("$.", .unexpectedEnd, 2),
        ("$.items[0", .unexpectedEnd, 9),
        ("$.items[0 x]", .unexpectedCharacter, 10),
        ("$.items[]", .unexpectedCharacter, 8),
        ("$.items[abc]", .unexpectedCharacter, 8),
        ("$.items[0:1:0]", .invalidNumber, 12),
        ("$.items[99999999999999999999]", .invalidNumber, 8),
        ("$.items[-]", .unexpectedCharacter, 9),
        ("$.a b", .unexpectedCharacter, 3),
        ("$['unterminated", .unexpectedEnd, 15),
        (#"$['bad\q']"#, .invalidString, 6),
        ("$..", .unexpectedEnd, 3),
        ("$.items[?(@.price > )]", .unexpectedCharacter, 20),
        ("$.items[?(@.price > 10]", .unexpectedCharacter, 22),
        ("$.items[?(@.price > 10)", .unexpectedEnd, 23),
        ("$.items[?(@.price = 10)]", .unexpectedCharacter, 18),
        ("$.items[?(@.price > 01x)]", .invalidNumber, 20),
        ("$.items[?(@.price > yes)]", .unexpectedCharacter, 20),
        ("$.items[?(@.tags[*] == 'a')]", .invalidFilter, 10),
        ("$.items[?('a')]", .invalidFilter, 10),
        ("$x", .unexpectedCharacter, 1),
        ("$.é[0", .unexpectedEnd, 5),
    ])
    func rejectsInvalidPaths(text: String, code: JSONPathError.Code, offset: Int) {
        let error = failure(text)
        #expect(error?.code == code, "\(text): \(String(describing: error))")
        #expect(error?.offset == offset, "\(text): \(String(describing: error))")
    }

    @Test func errorMessagesPointAtTheProblem() {
        #expect(failure("$.items[0 x]")?.message == "expected ']' after index, found 'x'")
        #expect(failure("$.items[0")?.description == "invalid JSONPath at character 9: expected ']' after index, found end of path")
    }
}
