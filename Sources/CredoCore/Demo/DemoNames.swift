/// Name pools for synthetic people and places. Common California surnames and given names (Census 2010
/// surname frequencies, SSA given-name lists) so lists and searches look like an office's real data.
enum DemoNames {
  static let lastNames = [
    "Garcia", "Hernandez", "Lopez", "Martinez", "Rodriguez", "Gonzalez", "Perez", "Sanchez", "Ramirez", "Torres",
    "Flores", "Rivera", "Gomez", "Diaz", "Reyes", "Cruz", "Morales", "Ortiz", "Gutierrez", "Chavez", "Ramos",
    "Ruiz", "Alvarez", "Mendoza", "Castillo", "Jimenez", "Moreno", "Romero", "Herrera", "Medina", "Aguilar",
    "Vargas", "Guzman", "Salazar", "Delgado", "Nguyen", "Tran", "Le", "Pham", "Kim", "Lee", "Park", "Chen",
    "Wang", "Li", "Zhang", "Liu", "Wong", "Chan", "Singh", "Patel", "Shah", "Kaur", "Santos", "Reyes", "Bautista",
    "Dela Cruz", "Villanueva", "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
    "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis",
    "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson",
    "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins",
    "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed", "Bailey", "Bell",
    "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett", "Gray", "James",
    "Hughes", "Price", "Sanders", "Myers", "Long", "Ross", "Foster", "Powell", "Jenkins", "Perry", "Russell",
    "Sullivan", "Fisher", "Henderson", "Coleman", "Simmons", "Patterson", "Jordan", "Reynolds", "Hamilton",
    "Graham", "O'Brien", "McDonald", "Nakamura", "Tanaka", "Yamamoto", "Hoang", "Vu", "Khan", "Ali", "Hassan",
    "Petrosyan", "Hakobyan", "Ivanov", "Novak", "Muñoz", "Peña", "Ibáñez", "Núñez",
  ]

  static let givenNames = [
    "Maria", "Jose", "Juan", "Ana", "Luis", "Carlos", "Sofia", "Daniel", "Gabriela", "Miguel", "Isabel", "Jorge",
    "Alejandra", "Ricardo", "Veronica", "Fernando", "Lucia", "Eduardo", "Elena", "Roberto", "Adriana", "Javier",
    "Claudia", "Francisco", "Monica", "Antonio", "Patricia", "Manuel", "Rosa", "Diego", "Linh", "Minh", "Thuy",
    "Huong", "Anh", "Jin", "Min-jun", "Ji-woo", "Wei", "Mei", "Lin", "Priya", "Arjun", "Anjali", "Ravi", "Neha",
    "Jennifer", "Michael", "Jessica", "David", "Sarah", "James", "Emily", "Robert", "Ashley", "John", "Amanda",
    "William", "Stephanie", "Richard", "Nicole", "Joseph", "Elizabeth", "Thomas", "Megan", "Christopher",
    "Rachel", "Matthew", "Lauren", "Anthony", "Samantha", "Mark", "Rebecca", "Steven", "Laura", "Andrew",
    "Katherine", "Joshua", "Heather", "Kevin", "Amy", "Brian", "Angela", "Jason", "Melissa", "Ryan", "Kimberly",
    "Jacob", "Michelle", "Nicholas", "Christina", "Tyler", "Danielle", "Brandon", "Erin", "Justin", "Kelly",
    "Aaron", "Julie", "Adam", "Andrea", "Nathan", "Lisa", "Zachary", "Karen", "Ethan", "Susan", "Olivia", "Noah",
    "Emma", "Liam", "Ava", "Mia", "Aisha", "Omar", "Fatima", "Yusuf", "Nadia", "Armen", "Ani", "Olga", "Dmitri",
  ]

  static let placeNames = [
    "Alder Grove", "Bear Creek", "Buena Vista", "Cedar Ridge", "Cherry Valley", "Clear Lake", "Coyote Hills",
    "Cypress Point", "Del Rio", "Eagle Rock", "El Camino", "Elk Grove", "Encina", "Fair Oaks", "Foothill",
    "Golden Hills", "Granite Bay", "Green Valley", "Hidden Valley", "Highland", "Indian Springs", "Laguna",
    "Lake Forest", "Las Lomas", "Live Oak", "Los Altos", "Madrone", "Manzanita", "Mesa Verde", "Mission",
    "Monte Vista", "Mountain View", "North Ridge", "Oak Park", "Orchard", "Pacific", "Palisades", "Pine Hills",
    "Pleasant Valley", "Rancho", "Redwood", "Ridgecrest", "Rio Vista", "River City", "Riverbend", "Rolling Hills",
    "Sage Canyon", "San Lorenzo", "Santa Rita", "Sequoia", "Shadow Hills", "Sierra", "Silver Lake", "Stone Creek",
    "Summit", "Sunrise", "Sunset", "Sycamore", "Tierra Buena", "Twin Rivers", "Valley Oak", "Vista del Mar",
    "Walnut Creek", "West Park", "Westwood", "Willow Glen", "Windsor", "Woodland Hills",
  ]

  static let schoolNamesakes = [
    "Cesar Chavez", "Dolores Huerta", "John Muir", "Sally Ride", "Fred Korematsu", "Harvey Milk", "Jackie Robinson",
    "Rosa Parks", "Abraham Lincoln", "George Washington", "Thomas Jefferson", "Martin Luther King Jr.",
    "Amelia Earhart", "Luther Burbank", "Ansel Adams", "Mark Twain", "John Steinbeck", "Maya Angelou",
    "Sylvia Mendez", "Ellen Ochoa", "Delaine Eastin", "Yuri Kochiyama", "Jack London", "Robert Frost",
    "Clara Barton", "Helen Keller", "Booker T. Washington", "Frederick Douglass", "Ruth Asawa", "Walt Disney",
  ]
}
